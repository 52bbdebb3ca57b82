package serverlessshop.localcloud;

/** A port the stack needs is taken; the message names the port and the variable that moves it. */
public final class PortInUse extends RuntimeException {

    public PortInUse(String what, int port, String variable) {
        super("Port " + port + " (" + what + ") is already in use on 127.0.0.1. Stop what is using it, or choose"
                + " another port: " + variable + "=<port> make run   (for example " + variable + "=" + (port + 1)
                + ").");
    }
}
