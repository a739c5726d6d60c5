# zeek-sim stub: selects the ZeroMQ backend (the Zeek 7.1 to 8.0 way).
@load ./main
redef Cluster::backend = Cluster::CLUSTER_BACKEND_ZEROMQ;
