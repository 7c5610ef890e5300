package dev.mooring.connect.endpoints;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class EndpointSnapshotsTest {
    private static final HostSetKey APP = new HostSetKey("ns", "yelb-appserver");
    private static final HostSetKey DB = new HostSetKey("ns", "yelb-db");

    private static EndpointCandidate candidate(HostSetKey key, String task, String ip, boolean routable) {
        return new EndpointCandidate(key, new EndpointHost(task, ip, 4567, "svc"), routable);
    }

    @Test
    void onlyRoutableTasksBecomeHostsAndTheVersionMovesOnlyWithTheHosts() {
        EndpointSnapshots snapshots = new EndpointSnapshots();
        assertThat(snapshots.current().version()).isZero();

        EndpointSnapshot first = snapshots.update(List.of(candidate(APP, "t1", "198.18.0.2", true),
                candidate(APP, "t2", "198.18.0.3", false), candidate(DB, "t3", "198.18.0.4", true)));
        assertThat(first.version()).isEqualTo(1);
        assertThat(first.hosts(APP)).extracting(EndpointHost::taskId).containsExactly("t1");
        assertThat(first.hosts(DB)).extracting(EndpointHost::address).containsExactly("198.18.0.4");
        assertThat(first.taskIds()).containsExactlyInAnyOrder("t1", "t3");

        // the same hosts in another order are the same snapshot
        EndpointSnapshot same = snapshots.update(List.of(candidate(DB, "t3", "198.18.0.4", true),
                candidate(APP, "t2", "198.18.0.3", false), candidate(APP, "t1", "198.18.0.2", true)));
        assertThat(same).isSameAs(first);

        EndpointSnapshot second = snapshots.update(List.of(candidate(APP, "t1", "198.18.0.2", true),
                candidate(APP, "t2", "198.18.0.3", true)));
        assertThat(second.version()).isEqualTo(2);
        assertThat(second.hosts(APP)).extracting(EndpointHost::taskId).containsExactly("t1", "t2");
        assertThat(second.hosts(DB)).isEmpty();
        assertThat(first.hosts(APP)).hasSize(1);
    }

    @Test
    void aTaskWithoutAnAddressYetIsNoHost() {
        EndpointSnapshot s = new EndpointSnapshots().update(List.of(candidate(APP, "t1", null, true)));
        assertThat(s.hosts(APP)).isEmpty();
    }
}
