# zeek-sim stub: zeek-sim always exports the zeek_net_* metrics.
