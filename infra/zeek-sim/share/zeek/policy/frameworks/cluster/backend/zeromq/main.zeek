# zeek-sim stub of the ZeroMQ backend options and events.
@load ./options
