# zeek-sim stub for "zeekctl check".
