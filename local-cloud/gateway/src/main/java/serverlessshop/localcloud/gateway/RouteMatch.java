package serverlessshop.localcloud.gateway;

import java.util.Map;

/** A request's route and the values of the route's path variables. */
public record RouteMatch(Route route, Map<String, String> pathParameters) {

    public RouteMatch {
        pathParameters = Map.copyOf(pathParameters);
    }
}
