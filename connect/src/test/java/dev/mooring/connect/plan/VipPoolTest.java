package dev.mooring.connect.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class VipPoolTest {
    @Test
    void oneAddressPerNameStableForTheLifeOfThePool() {
        VipPool pool = new VipPool();
        String db = pool.vip("ns-a", "yelb-db.yelb.cloudmap.internal");
        String redis = pool.vip("ns-a", "yelb-redis.yelb.cloudmap.internal");
        assertThat(db).isNotEqualTo(redis);
        assertThat(pool.vip("ns-a", "yelb-db.yelb.cloudmap.internal")).isEqualTo(db);
        assertThat(pool.vip("ns-b", "yelb-db.yelb.cloudmap.internal")).isNotIn(db, redis);
        assertThat(db).startsWith("127.255.");
        assertThat(pool.assignedCount()).isEqualTo(3);
    }

    @Test
    void addressesStayInsideTheVipRangeAndNeverRepeat() {
        VipPool pool = new VipPool();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 300; i++) {
            String vip = pool.vip("ns", "name-" + i);
            assertThat(seen.add(vip)).as(vip).isTrue();
            String[] octets = vip.split("\\.");
            assertThat(octets[0]).isEqualTo("127");
            assertThat(octets[1]).isEqualTo("255");
            assertThat(vip).isNotEqualTo("127.255.0.0");
        }
        assertThat(seen).contains("127.255.1.0", "127.255.1.44");
    }

    @Test
    void anExhaustedPoolSaysSoAndKeepsWhatItGave() {
        VipPool pool = new VipPool(2);
        String a = pool.vip("ns", "a");
        pool.vip("ns", "b");
        assertThatThrownBy(() -> pool.vip("ns", "c")).isInstanceOf(VipPoolExhaustedException.class)
                .hasMessageContaining("no virtual IP left in 127.255.0.0/16 for client alias 'c'");
        assertThat(pool.vip("ns", "a")).isEqualTo(a);
    }
}
