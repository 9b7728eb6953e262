package io.conflux.functions;

import io.conflux.server.Folders;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Deployment packages, stored by content: {@code code/<sha256>.zip} and the package unpacked beside it, shared by
 * every function with the same code. Unpacking keeps the Unix permissions the zip carries (a {@code bootstrap} stays
 * executable), as Lambda does.
 */
final class CodeStore {
    /** Lambda's limit on a package uploaded directly (50 MB zipped) and on one unpacked (250 MB). */
    static final long MAX_ZIPPED = 50L * 1024 * 1024;
    static final long MAX_UNZIPPED = 250L * 1024 * 1024;

    /** A stored package: Lambda's {@code CodeSha256} (base64), its size, and where it is unpacked. */
    record Package(String sha256, long size, Path dir) {}

    private final Path root;

    CodeStore(Path root) {
        this.root = root;
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stores a zip; InvalidParameterValueException when it is not one, RequestTooLarge when it is too big. */
    Package store(byte[] zip) {
        if (zip.length > MAX_ZIPPED) {
            throw LambdaException.tooLarge("Request must be smaller than " + MAX_ZIPPED + " bytes for the "
                    + "CreateFunction operation");
        }
        byte[] digest = sha256(zip);
        String hex = HexFormat.of().formatHex(digest);
        Path dir = root.resolve(hex);
        synchronized (this) {
            if (!Files.isDirectory(dir)) {
                Path tmp = root.resolve(hex + ".tmp-" + ProcessHandle.current().pid());
                try {
                    Folders.deleteQuietly(tmp);
                    unzip(zip, tmp);
                    Files.write(root.resolve(hex + ".zip"), zip);
                    Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
                } catch (IOException e) {
                    Folders.deleteQuietly(tmp);
                    throw LambdaException.invalidParameter("Could not unzip uploaded file. Please check your file, "
                            + "then try to upload again.");
                }
            }
        }
        return new Package(Base64.getEncoder().encodeToString(digest), zip.length, dir);
    }

    /** The package of a stored sha (hex of the base64 digest), to serve its zip. */
    byte[] zip(String sha256Base64) throws IOException {
        String hex = HexFormat.of().formatHex(Base64.getDecoder().decode(sha256Base64));
        return Files.readAllBytes(root.resolve(hex + ".zip"));
    }

    /** Where a stored package is unpacked. */
    Path dir(String sha256Base64) {
        return root.resolve(HexFormat.of().formatHex(Base64.getDecoder().decode(sha256Base64)));
    }

    /**
     * Zips a folder (for code given as a folder): entries in a fixed order with fixed times, so that the same files
     * make the same package and a redeploy of unchanged code changes nothing.
     */
    static byte[] zipFolder(Path folder) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(folder)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Path f : files) {
                String name = folder.relativize(f).toString().replace('\\', '/');
                ZipEntry e = new ZipEntry(name);
                e.setTime(315532800000L); // 1980-01-01: zip's epoch
                zip.putNextEntry(e);
                Files.copy(f, zip);
                zip.closeEntry();
            }
        }
        byte[] out = bytes.toByteArray();
        // Keep executables executable: set the Unix mode in the central directory, as zip -r would.
        return withModes(out, files.stream().filter(Files::isExecutable)
                .map(f -> folder.relativize(f).toString().replace('\\', '/')).toList());
    }

    static byte[] sha256(byte[] b) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(b);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void unzip(byte[] zip, Path dir) throws IOException {
        Files.createDirectories(dir);
        Map<String, Integer> modes = modes(zip);
        long total = 0;
        int entries = 0;
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                entries++;
                Path target = dir.resolve(e.getName()).normalize();
                if (!target.startsWith(dir)) {
                    throw new IOException("entry outside the package: " + e.getName());
                }
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                    continue;
                }
                Files.createDirectories(target.getParent());
                total += Files.copy(in, target);
                if (total > MAX_UNZIPPED) {
                    throw new IOException("unzipped size over " + MAX_UNZIPPED);
                }
                Integer mode = modes.get(e.getName());
                if (mode != null && (mode & 0111) != 0) {
                    setExecutable(target);
                }
            }
        }
        if (entries == 0) {
            throw new IOException("not a zip");
        }
        Path bootstrap = dir.resolve("bootstrap");
        if (Files.isRegularFile(bootstrap) && !modes.containsKey("bootstrap")) {
            setExecutable(bootstrap); // zips made without Unix modes (Windows tools) still run
        }
    }

    private static void setExecutable(Path p) throws IOException {
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p);
            perms.add(PosixFilePermission.OWNER_EXECUTE);
            perms.add(PosixFilePermission.GROUP_EXECUTE);
            perms.add(PosixFilePermission.OTHERS_EXECUTE);
            Files.setPosixFilePermissions(p, perms);
        } catch (UnsupportedOperationException e) {
            p.toFile().setExecutable(true, false);
        }
    }

    /** The Unix modes recorded in a zip's central directory (made on Unix), by entry name. */
    static Map<String, Integer> modes(byte[] zip) {
        Map<String, Integer> out = new HashMap<>();
        ByteBuffer b = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
        int eocd = -1;
        for (int i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 65535); i--) {
            if (b.getInt(i) == 0x06054b50) {
                eocd = i;
                break;
            }
        }
        if (eocd < 0) {
            return out;
        }
        int count = Short.toUnsignedInt(b.getShort(eocd + 10));
        int p = b.getInt(eocd + 16);
        for (int n = 0; n < count && p >= 0 && p + 46 <= zip.length; n++) {
            if (b.getInt(p) != 0x02014b50) {
                break;
            }
            int madeBy = Short.toUnsignedInt(b.getShort(p + 4)) >> 8;
            int nameLen = Short.toUnsignedInt(b.getShort(p + 28));
            int extraLen = Short.toUnsignedInt(b.getShort(p + 30));
            int commentLen = Short.toUnsignedInt(b.getShort(p + 32));
            int external = b.getInt(p + 38);
            String name = new String(zip, p + 46, nameLen, StandardCharsets.UTF_8);
            if (madeBy == 3) {
                out.put(name, external >>> 16);
            }
            p += 46 + nameLen + extraLen + commentLen;
        }
        return out;
    }

    /** Marks entries as made on Unix with mode 0755 (the rest keep 0644). */
    private static byte[] withModes(byte[] zip, List<String> executables) {
        ByteBuffer b = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
        int eocd = -1;
        for (int i = zip.length - 22; i >= 0; i--) {
            if (b.getInt(i) == 0x06054b50) {
                eocd = i;
                break;
            }
        }
        if (eocd < 0) {
            return zip;
        }
        int count = Short.toUnsignedInt(b.getShort(eocd + 10));
        int p = b.getInt(eocd + 16);
        for (int n = 0; n < count; n++) {
            int nameLen = Short.toUnsignedInt(b.getShort(p + 28));
            int extraLen = Short.toUnsignedInt(b.getShort(p + 30));
            int commentLen = Short.toUnsignedInt(b.getShort(p + 32));
            String name = new String(zip, p + 46, nameLen, StandardCharsets.UTF_8);
            int mode = executables.contains(name) ? 0100755 : 0100644;
            b.putShort(p + 4, (short) ((3 << 8) | 20));
            b.putInt(p + 38, mode << 16);
            p += 46 + nameLen + extraLen + commentLen;
        }
        return zip;
    }
}
