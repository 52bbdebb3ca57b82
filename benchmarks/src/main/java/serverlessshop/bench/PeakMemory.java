package serverlessshop.bench;

import java.nio.file.Path;
import java.util.List;

/** A process's peak resident set (VmHWM of /proc/<pid>/status): what a Lambda's memory size must hold. */
final class PeakMemory {

    private PeakMemory() {}

    /** The highest peak among the processes, in MB; -1 when none could be read. */
    static long megabytes(List<ProcessHandle> processes) {
        long peakKb = -1;
        for (ProcessHandle process : processes) {
            peakKb = Math.max(
                    peakKb, Machine.procField(Path.of("/proc", String.valueOf(process.pid()), "status"), "VmHWM:"));
        }
        return peakKb < 0 ? -1 : (peakKb + 1023) / 1024;
    }
}
