package dev.mooring.loadgen;

import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.DecoderException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;

/** Why a request got no HTTP response, named the way the report and its JSON show them. */
public enum ErrorKind {
    CONNECTION_REFUSED("connection refused"),
    CONNECTION_RESET("connection reset by peer"),
    CONNECTION_CLOSED("connection closed before a response"),
    CONNECT_TIMEOUT("connect timeout"),
    TIMEOUT("timeout awaiting response"),
    UNREACHABLE("no route to host"),
    INVALID_RESPONSE("invalid HTTP response"),
    OTHER("other I/O error");

    private final String description;

    ErrorKind(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    /** Classifies what Netty (native epoll or NIO) reported; native errors carry the errno text in the message. */
    static ErrorKind of(Throwable t) {
        if (t instanceof ConnectTimeoutException) {
            return CONNECT_TIMEOUT;
        }
        if (t instanceof DecoderException) {
            return INVALID_RESPONSE;
        }
        String m = String.valueOf(t.getMessage()).toLowerCase(java.util.Locale.ROOT);
        if (t instanceof NoRouteToHostException || t instanceof PortUnreachableException
                || m.contains("no route to host") || m.contains("network is unreachable")) {
            return UNREACHABLE;
        }
        if (t instanceof ConnectException || m.contains("connection refused")) {
            return CONNECTION_REFUSED;
        }
        if (m.contains("connection reset")) {
            return CONNECTION_RESET;
        }
        if (m.contains("broken pipe") || t instanceof java.nio.channels.ClosedChannelException) {
            return CONNECTION_CLOSED;
        }
        return OTHER;
    }
}
