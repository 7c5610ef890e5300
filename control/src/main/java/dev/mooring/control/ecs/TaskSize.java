package dev.mooring.control.ecs;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A task size as ECS takes it: CPU as units (1024) or vCPUs (1 vCPU, 0.5 vcpu), memory as MiB (2048) or GB (2 GB).
 * One parser, for the validation of requests and for the launch, so nothing valid fails to launch.
 */
public final class TaskSize {
    private static final Pattern CPU = Pattern.compile("(\\d+)|(\\d+(\\.\\d+)?) ?(?i:vcpu)");
    private static final Pattern MEMORY = Pattern.compile("(\\d+)|(\\d+(\\.\\d+)?) ?(?i:gb)");

    private TaskSize() {}

    /** CPU units; empty if the text is no CPU size or more units than the runtime takes. */
    public static Optional<Integer> cpuUnits(String cpu) {
        return amount(CPU, cpu);
    }

    /** MiB; empty if the text is no memory size or more MiB than the runtime takes. */
    public static Optional<Integer> memoryMiB(String memory) {
        return amount(MEMORY, memory);
    }

    /** The plain number, or the scaled one times 1024, rounded to whole units. */
    private static Optional<Integer> amount(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        BigDecimal amount = m.group(1) != null ? new BigDecimal(m.group(1))
                : new BigDecimal(m.group(2)).multiply(BigDecimal.valueOf(1024));
        amount = amount.setScale(0, RoundingMode.HALF_UP);
        return amount.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) <= 0 ? Optional.of(amount.intValueExact())
                : Optional.empty();
    }
}
