package dev.mooring.runtime.image;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * Unpacks an xz-compressed tar, keeping its file modes and symbolic links, and making everything readable (and
 * directories and programs runnable) by every user, since containers run as unprivileged users.
 */
final class TxzArchive {
    private TxzArchive() {
    }

    /** Unpacks into {@code dir}, which is created; entries that would land outside it are refused. */
    static void unpack(InputStream txz, Path dir) throws IOException {
        Path root = dir.toAbsolutePath().normalize();
        Files.createDirectories(root);
        // a directory's own mode is applied last, so a read-only one can still be filled
        List<Path> dirs = new ArrayList<>();
        List<Integer> dirModes = new ArrayList<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(
                new XZCompressorInputStream(new BufferedInputStream(txz)))) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                Path target = inside(root, root.resolve(entry.getName()), entry.getName());
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                    dirs.add(target);
                    dirModes.add(entry.getMode() | 0555);
                    continue;
                }
                Files.createDirectories(target.getParent());
                if (entry.isSymbolicLink()) {
                    Path link = Path.of(entry.getLinkName());
                    if (link.isAbsolute()) {
                        throw new IOException("symbolic link " + entry.getName() + " -> " + link + " is absolute");
                    }
                    inside(root, target.getParent().resolve(link), entry.getName() + " -> " + link);
                    Files.createSymbolicLink(target, link);
                } else if (entry.isFile()) {
                    Files.copy(tar, target);
                    int mode = entry.getMode();
                    Files.setPosixFilePermissions(target, permissions(mode | ((mode & 0100) != 0 ? 0555 : 0444)));
                } else {
                    throw new IOException("entry " + entry.getName() + " is neither a file, a directory nor a"
                            + " symbolic link");
                }
            }
        }
        for (int i = dirs.size() - 1; i >= 0; i--) {
            Files.setPosixFilePermissions(dirs.get(i), permissions(dirModes.get(i)));
        }
    }

    private static Path inside(Path root, Path path, String what) throws IOException {
        Path normal = path.normalize();
        if (!normal.startsWith(root)) {
            throw new IOException("entry " + what + " points outside the archive");
        }
        return normal;
    }

    /** The rwx bits of a tar mode; set-id and sticky bits are dropped. */
    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> perms = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] byBit = {
            PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
            PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ};
        for (int bit = 0; bit < byBit.length; bit++) {
            if ((mode & (1 << bit)) != 0) {
                perms.add(byBit[bit]);
            }
        }
        return perms;
    }
}
