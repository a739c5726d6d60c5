/* TCP helpers (net.c). */
#ifndef ZEEK_SIM_NET_H
#define ZEEK_SIM_NET_H

int net_nonblock(int fd);
int net_listen(const char *ip, int port);
int net_connect(const char *ip, int port);

#endif
