package dev.mooring.elb.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mooring.elb.shape.TargetHealthState;
import org.junit.jupiter.api.Test;

class ObservationTest {
    private static final Probe OK = new Probe.Passed(200);
    private static final Probe BAD = new Probe.WrongStatus(500);

    @Test
    void aNewTargetTurnsHealthyAtItsFirstPassAndUnhealthyAfterTheThreshold() {
        assertThat(Observation.INITIAL.after(OK, 5, 2).state()).isEqualTo(TargetHealthState.HEALTHY);
        Observation once = Observation.INITIAL.after(new Probe.TimedOut(), 5, 2);
        assertThat(once.state()).isEqualTo(TargetHealthState.INITIAL);
        assertThat(once.after(OK, 5, 2).state()).isEqualTo(TargetHealthState.HEALTHY);
        assertThat(once.after(new Probe.TimedOut(), 5, 2))
                .extracting(Observation::state, Observation::reason)
                .containsExactly(TargetHealthState.UNHEALTHY, "Target.Timeout");
    }

    @Test
    void thresholdsCountChecksInARow() {
        Observation healthy = Observation.INITIAL.after(OK, 3, 2);
        Observation once = healthy.after(BAD, 3, 2);
        assertThat(once.state()).isEqualTo(TargetHealthState.HEALTHY);
        assertThat(once.after(OK, 3, 2).after(BAD, 3, 2).state()).as("a pass resets the failures")
                .isEqualTo(TargetHealthState.HEALTHY);
        Observation down = once.after(BAD, 3, 2);
        assertThat(down.state()).isEqualTo(TargetHealthState.UNHEALTHY);
        assertThat(down.after(OK, 3, 2).after(OK, 3, 2).state()).isEqualTo(TargetHealthState.UNHEALTHY);
        assertThat(down.after(OK, 3, 2).after(OK, 3, 2).after(OK, 3, 2).state()).isEqualTo(TargetHealthState.HEALTHY);
    }

    @Test
    void matcherCodesAndRanges() {
        assertThat(HealthChecks.matches("200", 200)).isTrue();
        assertThat(HealthChecks.matches("200,202", 202)).isTrue();
        assertThat(HealthChecks.matches("200-299", 204)).isTrue();
        assertThat(HealthChecks.matches("200-299", 301)).isFalse();
    }
}
