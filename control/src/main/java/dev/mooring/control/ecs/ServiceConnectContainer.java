package dev.mooring.control.ecs;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The container ECS adds to every Service Connect task (spec §4.3): {@code ecs-service-connect-} and five letters or
 * digits, no image, HEALTHY while its proxy runs, named in the task's {@code ServiceConnect} attachment. Mooring
 * derives the five characters from the task id, so every part of the server names the same container.
 */
public final class ServiceConnectContainer {
    public static final String PREFIX = "ecs-service-connect-";
    /** The task attachment type DescribeTasks shows for it. */
    public static final String ATTACHMENT_TYPE = "ServiceConnect";
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private ServiceConnectContainer() {}

    public static String name(String taskId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(taskId.getBytes(StandardCharsets.UTF_8));
            StringBuilder suffix = new StringBuilder(5);
            for (int i = 0; i < 5; i++) {
                suffix.append(ALPHABET.charAt((digest[i] & 0xff) % ALPHABET.length()));
            }
            return PREFIX + suffix;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    public static boolean is(String containerName) {
        return containerName != null && containerName.startsWith(PREFIX);
    }
}
