# zeek-sim stub: stands in for Zeek's base scripts. zeek-sim ignores its content.
