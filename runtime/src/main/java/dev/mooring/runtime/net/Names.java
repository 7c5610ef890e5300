package dev.mooring.runtime.net;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Names of what Mooring makes per task. Only these shapes are ever cleaned up after a crash, so nothing else on the
 * machine can be mistaken for a leftover.
 */
final class Names {
    static final String NETNS_PREFIX = "mooring-";
    private static final Pattern NETNS = Pattern.compile("mooring-[0-9a-f]{12}");
    private static final Pattern VETH = Pattern.compile("mv[0-9a-f]{10}");
    private static final Pattern HEX_ID = Pattern.compile("[0-9a-f]{12}.*");

    private Names() {}

    /** {@code mooring-} and the task id's first 12 hex digits (ECS task ids are 32 hex digits). */
    static String netns(String taskId) {
        return NETNS_PREFIX + hex12(taskId);
    }

    /** {@code mv} and 10 hex digits: interface names have at most 15 characters. */
    static String veth(String taskId) {
        return "mv" + hex12(taskId).substring(0, 10);
    }

    static boolean isNetns(String name) {
        return NETNS.matcher(name).matches();
    }

    static boolean isVeth(String name) {
        return VETH.matcher(name).matches();
    }

    /** Ids that are not hex (custom ids in tests or later APIs) are hashed so their names keep the same shape. */
    private static String hex12(String taskId) {
        if (HEX_ID.matcher(taskId).matches()) {
            return taskId.substring(0, 12);
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(taskId.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }
}
