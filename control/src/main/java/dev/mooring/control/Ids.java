package dev.mooring.control;

import java.security.SecureRandom;
import java.util.UUID;

/** Identifier formats as AWS writes them (service-connect-spec §1.5). */
public final class Ids {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final char[] ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    private Ids() {}

    /** 32 lowercase hex digits: task ids. */
    public static String taskId() {
        return random(HEX, 32);
    }

    /** {@code ns-} and 16 lowercase letters and digits. */
    public static String namespaceId() {
        return "ns-" + random(ALNUM, 16);
    }

    /** {@code srv-} and 16 lowercase letters and digits. */
    public static String cloudMapServiceId() {
        return "srv-" + random(ALNUM, 16);
    }

    /** Cloud Map operation ids: 32 lowercase letters and digits, a dash, 8 more. */
    public static String operationId() {
        return random(ALNUM, 32) + "-" + random(ALNUM, 8);
    }

    /** {@code ecs-svc/} and 19 digits: deployment ids. */
    public static String deploymentId() {
        StringBuilder sb = new StringBuilder("ecs-svc/");
        sb.append(1 + RANDOM.nextInt(9));
        for (int i = 0; i < 18; i++) {
            sb.append(RANDOM.nextInt(10));
        }
        return sb.toString();
    }

    public static String uuid() {
        return UUID.randomUUID().toString();
    }

    public static String random(char[] alphabet, int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = alphabet[RANDOM.nextInt(alphabet.length)];
        }
        return new String(out);
    }
}
