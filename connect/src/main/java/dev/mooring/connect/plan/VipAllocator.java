package dev.mooring.connect.plan;

/** Gives each client alias name of a namespace its virtual IP. */
@FunctionalInterface
public interface VipAllocator {
    /** @throws VipPoolExhaustedException when no address is left */
    String vip(String namespaceArn, String dnsName);
}
