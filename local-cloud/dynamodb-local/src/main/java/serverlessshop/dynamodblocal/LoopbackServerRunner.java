package serverlessshop.dynamodblocal;

import java.lang.reflect.Field;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

/**
 * DynamoDB Local's {@code ServerRunner}, listening on 127.0.0.1 only. Its Jetty server binds every
 * network interface and DynamoDB Local has no option for the address, so this sets the connector's
 * host before the server starts. Takes the same arguments as {@code ServerRunner}.
 */
public final class LoopbackServerRunner {

    private LoopbackServerRunner() {}

    public static void main(String[] args) throws Exception {
        DynamoDBProxyServer proxy = ServerRunner.createServerFromCommandLineArgs(args);
        // The Jetty server is a private field: there is no other way to reach its connector.
        Field field = DynamoDBProxyServer.class.getDeclaredField("server");
        field.setAccessible(true);
        Server jetty = (Server) field.get(proxy);
        for (Connector connector : jetty.getConnectors()) {
            if (connector instanceof ServerConnector network) {
                network.setHost("127.0.0.1");
            }
        }
        proxy.start();
    }
}
