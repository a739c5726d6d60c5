# zeek-sim stub. zeek-sim loads zeekctl-config (and standalone-layout) from ZEEKPATH itself when present.
