# zeek-sim stub: selects the Broker backend.
redef Cluster::backend = Cluster::CLUSTER_BACKEND_BROKER;
