package serverlessshop.localcloud.process;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Ends a process and everything it started: SIGTERM to the whole tree first, so JVMs run their
 * shutdown hooks (Spring closes its context, DynamoDB Local its files), then SIGKILL to whatever is
 * still alive after the grace period. Nothing may outlive the stack.
 */
public final class ProcessTrees {

    private ProcessTrees() {}

    public static void destroy(ProcessHandle root, Duration grace) {
        List<ProcessHandle> tree = new ArrayList<>(root.descendants().toList());
        tree.add(root);
        tree.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + grace.toNanos();
        for (ProcessHandle process : tree) {
            long left = deadline - System.nanoTime();
            try {
                if (left > 0) {
                    process.onExit().get(left, TimeUnit.NANOSECONDS);
                }
            } catch (Exception e) {
                // Still alive after the grace period: killed below.
            }
        }
        tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle process : tree) {
            try {
                process.onExit().get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                // The kernel will reap it; nothing more can be done from here.
            }
        }
    }
}
