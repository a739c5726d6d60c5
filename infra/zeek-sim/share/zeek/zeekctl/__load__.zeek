# zeek-sim stub of the zeekctl script package.
@load ./main
