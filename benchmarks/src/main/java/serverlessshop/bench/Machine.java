package serverlessshop.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * The machine a run measured, as BENCHMARKS.md states it: every figure is relative to it, and the
 * load average says how busy it was with other work (other builds on a shared 2-core machine).
 */
record Machine(int cores, long memoryMb, String cpu, String os, String jdk, String date, String commit) {

    static Machine describe(Path repo) {
        return new Machine(
                Runtime.getRuntime().availableProcessors(),
                readMemoryMb(),
                readCpu(),
                readOs(),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version") + " ("
                        + System.getProperty("java.vendor") + ")",
                ZonedDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm zzz", Locale.ROOT)),
                commit(repo));
    }

    /** The 1-, 5- and 15-minute load averages now, from /proc/loadavg. */
    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static long readMemoryMb() {
        return procField(Path.of("/proc/meminfo"), "MemTotal:") / 1024;
    }

    /** A {@code Name: 123 kB} field of a /proc file, in kB; -1 when absent. */
    static long procField(Path file, String name) {
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith(name)) {
                    return Long.parseLong(line.substring(name.length()).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | NumberFormatException e) {
            // Not Linux, or the process is gone.
        }
        return -1;
    }

    private static String readCpu() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(line -> line.startsWith("model name"))
                    .map(line -> line.substring(line.indexOf(':') + 1).trim())
                    .findFirst()
                    .orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String readOs() {
        String name = System.getProperty("os.name") + " " + System.getProperty("os.version");
        try {
            for (String line : Files.readAllLines(Path.of("/etc/os-release"))) {
                if (line.startsWith("PRETTY_NAME=")) {
                    return line.substring("PRETTY_NAME=".length()).replace("\"", "") + ", " + name;
                }
            }
        } catch (IOException e) {
            // Not every system has it.
        }
        return name;
    }

    private static String commit(Path repo) {
        try {
            Process git = new ProcessBuilder(List.of("git", "-C", repo.toString(), "describe", "--always", "--dirty"))
                    .redirectErrorStream(true)
                    .start();
            String out = new String(git.getInputStream().readAllBytes()).trim();
            return git.waitFor() == 0 ? out : "unknown";
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }
}
