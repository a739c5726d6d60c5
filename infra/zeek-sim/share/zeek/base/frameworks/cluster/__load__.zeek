# zeek-sim stub. With CLUSTER_NODE set, zeek-sim loads cluster-layout from ZEEKPATH itself.
@load ./main
