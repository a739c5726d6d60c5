# zeek-sim stub of the site policy.
@load misc/stats
