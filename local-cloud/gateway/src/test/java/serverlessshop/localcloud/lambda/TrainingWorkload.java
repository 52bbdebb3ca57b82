package serverlessshop.localcloud.lambda;

import java.util.List;
import java.util.stream.Collectors;

/** A small program for the AOT cache tests to train on and run: a few JDK classes loaded and used. */
public final class TrainingWorkload {

    private TrainingWorkload() {}

    public static void main(String[] args) {
        String words = List.of("trained", "workload", "ran").stream().collect(Collectors.joining(" "));
        System.out.println(words);
    }
}
