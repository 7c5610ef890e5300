/** Netty transport choice: native epoll where the kernel offers it, NIO otherwise. */
package dev.mooring.core.net;
