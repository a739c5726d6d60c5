# zeek-sim stub for standalone nodes.
