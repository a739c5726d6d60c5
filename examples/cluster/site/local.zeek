##! Site policy of the example cluster: `zeekbus deploy` installs this directory on every
##! host and every node loads local.zeek (zeekctl.cfg SitePolicyScripts).
##!
##! The demo's "Zeek" is zeek-sim, a stand-in that resolves and syntax-checks scripts but does
##! not run them, and ships only a few stub scripts. A real site would @load more here, e.g.
##! tuning/defaults, misc/capture-loss, protocols/ssh/detect-bruteforcing.

@load misc/stats

# Workers sharing an af_packet fanout group keep all fragments of a datagram on one process.
redef AF_Packet::enable_defrag = T;
