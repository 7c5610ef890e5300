package dev.mooring.proxy.listener;

import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;

import java.util.concurrent.atomic.LongAdder;

/** What every listener of one proxy shares: its downstream connections, requests in flight, whether it drains. */
public final class ProxyState {
    public final String name;
    public final ChannelGroup connections;
    public final LongAdder inFlight = new LongAdder();
    public volatile boolean draining;

    public ProxyState(String name) {
        this.name = name;
        this.connections = new DefaultChannelGroup(name, GlobalEventExecutor.INSTANCE);
    }
}
