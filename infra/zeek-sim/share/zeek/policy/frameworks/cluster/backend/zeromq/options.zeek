# zeek-sim stub: ZeroMQ options only; it selects no backend.
