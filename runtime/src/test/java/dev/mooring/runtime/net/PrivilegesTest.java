package dev.mooring.runtime.net;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrivilegesTest {
    @Test
    void rootWithFullCapabilitiesLacksNothing() {
        assertThat(Privileges.missing("Name:\tjava\nCapEff:\t000001ffffffffff\n")).isEmpty();
    }

    @Test
    void namesEachMissingCapability() {
        assertThat(Privileges.missing("CapEff:\t0000000000000000\n"))
                .containsExactly("CAP_NET_ADMIN", "CAP_SYS_ADMIN");
        assertThat(Privileges.missing("CapEff:\t0000000000001000\n")).containsExactly("CAP_SYS_ADMIN");
        assertThat(Privileges.missing("CapEff:\t0000000000200000\n")).containsExactly("CAP_NET_ADMIN");
    }
}
