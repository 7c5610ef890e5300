package dev.mooring.runtime.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The user a container runs as. ECS's {@code user} member takes {@code user}, {@code uid}, {@code user:group},
 * {@code uid:gid}, {@code user:gid} or {@code uid:group}; names are looked up in the host's passwd and group files
 * (a task runs on the host, so there are no others). Without it, containers run as nobody.
 */
public record RunAs(int uid, int gid) {
    public static final RunAs NOBODY = new RunAs(65534, 65534);

    public boolean isRoot() {
        return uid == 0;
    }

    public static RunAs resolve(String user) throws IOException {
        return resolve(user, Path.of("/etc/passwd"), Path.of("/etc/group"));
    }

    static RunAs resolve(String user, Path passwd, Path group) throws IOException {
        if (user == null || user.isBlank()) {
            return NOBODY;
        }
        String[] parts = user.split(":", 2);
        List<String[]> users = entries(passwd);
        Optional<String[]> entry = users.stream()
                .filter(e -> e[0].equals(parts[0]) || (isNumber(parts[0]) && e[2].equals(parts[0]))).findFirst();
        int uid;
        if (isNumber(parts[0])) {
            uid = Integer.parseInt(parts[0]);
        } else {
            uid = Integer.parseInt(entry.orElseThrow(() -> new IOException("user '" + parts[0]
                    + "' does not exist on this host; use a numeric uid or an existing user"))[2]);
        }
        if (parts.length == 1) {
            // a uid without a passwd entry gets its own number as group, as Docker does
            return new RunAs(uid, entry.map(e -> Integer.parseInt(e[3])).orElse(uid));
        }
        if (isNumber(parts[1])) {
            return new RunAs(uid, Integer.parseInt(parts[1]));
        }
        return new RunAs(uid, entries(group).stream().filter(e -> e[0].equals(parts[1]))
                .map(e -> Integer.parseInt(e[2])).findFirst()
                .orElseThrow(() -> new IOException("group '" + parts[1] + "' does not exist on this host")));
    }

    private static boolean isNumber(String s) {
        return !s.isEmpty() && s.length() < 10 && s.chars().allMatch(Character::isDigit);
    }

    private static List<String[]> entries(Path file) throws IOException {
        return Files.readAllLines(file).stream().filter(l -> !l.isBlank() && !l.startsWith("#"))
                .map(l -> l.split(":", -1)).filter(e -> e.length >= 4).toList();
    }
}
