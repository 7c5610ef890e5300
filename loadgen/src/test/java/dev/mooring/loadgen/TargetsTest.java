package dev.mooring.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TargetsTest {
    @Test
    void loopbackAndTheTaskCidrAreAllowedAndNothingElse() throws Exception {
        AllowedTargets allowed = AllowedTargets.loopbackAnd(AllowedTargets.DEFAULT_TASK_CIDR);
        assertThat(allowed.check("127.3.4.5")).isEqualTo(InetAddress.getByName("127.3.4.5"));
        assertThat(allowed.check("198.18.200.7")).isEqualTo(InetAddress.getByName("198.18.200.7"));
        assertThat(allowed.check("localhost").isLoopbackAddress()).isTrue();
        assertThat(allowed.check("::1").isLoopbackAddress()).isTrue();
        for (String outside : new String[] {"192.0.2.1", "198.19.0.1", "10.0.0.1", "8.8.8.8"}) {
            assertThatThrownBy(() -> allowed.check(outside)).isInstanceOf(AllowedTargets.RefusedTargetException.class)
                    .hasMessageContaining("refusing to send traffic to " + outside)
                    .hasMessageContaining("127.0.0.0/8, ::1/128, 198.18.0.0/16");
        }
    }

    @Test
    void theTaskCidrIsAParameter() {
        AllowedTargets allowed = AllowedTargets.loopbackAnd(Cidr.parse("10.99.0.0/16"));
        assertThat(allowed.check("10.99.1.1").getHostAddress()).isEqualTo("10.99.1.1");
        assertThatThrownBy(() -> allowed.check("198.18.0.2")).hasMessageContaining("refusing");
        assertThatThrownBy(() -> Cidr.parse("example.com/8")).isInstanceOf(IllegalArgumentException.class);
        assertThat(Cidr.parse("2001:db8:0:0:1:0:0:0/64")).hasToString("2001:db8::1:0:0:0/64");
        assertThatThrownBy(() -> Cidr.parse("10.0.0.0/33")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void goDurationsParse() {
        assertThat(GoDuration.parse("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(GoDuration.parse("1m30s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(GoDuration.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(GoDuration.parse("1.5h")).isEqualTo(Duration.ofMinutes(90));
        assertThatThrownBy(() -> GoDuration.parse("2 minutes")).isInstanceOf(IllegalArgumentException.class);
    }
}
