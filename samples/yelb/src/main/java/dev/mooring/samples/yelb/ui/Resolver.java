package dev.mooring.samples.yelb.ui;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** Turns the app server's name into addresses; asked once, when the UI starts. */
@FunctionalInterface
public interface Resolver {
    Resolver SYSTEM = host -> List.of(InetAddress.getAllByName(host));

    List<InetAddress> resolve(String host) throws UnknownHostException;
}
