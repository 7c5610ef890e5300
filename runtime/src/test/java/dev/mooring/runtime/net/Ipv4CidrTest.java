package dev.mooring.runtime.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mooring.core.net.Ipv4Cidr;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class Ipv4CidrTest {
    @Test
    void parsesTheDefaultCidr() {
        Ipv4Cidr cidr = Ipv4Cidr.parse("198.18.0.0/16");
        assertThat(Ipv4Cidr.format(cidr.gateway())).isEqualTo("198.18.0.1");
        assertThat(Ipv4Cidr.format(cidr.broadcast())).isEqualTo("198.18.255.255");
        assertThat(cidr.contains(Ipv4Cidr.parseAddress("198.18.200.3"))).isTrue();
        assertThat(cidr.contains(Ipv4Cidr.parseAddress("198.19.0.3"))).isFalse();
        assertThat(cidr.overlaps(Ipv4Cidr.parse("198.18.7.0/24"))).isTrue();
        assertThat(Ipv4Cidr.parse("198.18.7.0/24").overlaps(cidr)).isTrue();
        assertThat(cidr.overlaps(Ipv4Cidr.parse("10.0.0.0/8"))).isFalse();
    }

    @Test
    void rejectsBadCidrsWithAHint() {
        assertThatThrownBy(() -> Ipv4Cidr.parse("198.18.0.1/16")).hasMessageContaining("did you mean 198.18.0.0/16");
        assertThatThrownBy(() -> Ipv4Cidr.parse("198.18.0.0")).hasMessageContaining("a.b.c.d/prefix");
        assertThatThrownBy(() -> NetworkConfig.taskCidr("198.18.0.0/31")).hasMessageContaining("/30");
        assertThatThrownBy(() -> NetworkConfig.taskCidr("198.18.0.1/16")).hasMessageContaining("task CIDR");
        assertThatThrownBy(() -> Ipv4Cidr.parse("198.318.0.0/16")).hasMessageContaining("not an IPv4 address");
    }

    @Test
    void poolSkipsNetworkGatewayAndBroadcastAndReusesReleasedAddresses() {
        AddressPool pool = new AddressPool(Ipv4Cidr.parse("198.19.0.0/29"));
        Set<String> handedOut = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            handedOut.add(pool.allocate());
        }
        assertThat(handedOut).containsExactlyInAnyOrder("198.19.0.2", "198.19.0.3", "198.19.0.4", "198.19.0.5",
                "198.19.0.6");
        assertThatThrownBy(pool::allocate).isInstanceOf(NetworkException.class).hasMessageContaining("no free");
        pool.release("198.19.0.4");
        assertThat(pool.allocate()).isEqualTo("198.19.0.4");
    }

    @Test
    void poolMovesOnBeforeReusing() {
        AddressPool pool = new AddressPool(Ipv4Cidr.parse("198.19.0.0/24"));
        String first = pool.allocate();
        pool.release(first);
        assertThat(pool.allocate()).isNotEqualTo(first);
    }
}
