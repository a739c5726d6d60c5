# zeek-sim stub.
