# zeek-sim stub: loading this package selects the ZeroMQ backend (Zeek 8.1 and later).
@load ./main
redef Cluster::backend = Cluster::CLUSTER_BACKEND_ZEROMQ;
