# zeek-sim stub: the cluster framework. zeek-sim validates the node and the backend itself.
