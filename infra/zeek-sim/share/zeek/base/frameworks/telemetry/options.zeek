# zeek-sim stub of the telemetry options (Telemetry::metrics_port, Telemetry::metrics_address).
