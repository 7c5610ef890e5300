/** Networking basics: Netty's transport (native epoll where the kernel offers it, NIO otherwise), IPv4 addresses. */
package dev.mooring.core.net;
