package serverlessshop.bench.timing;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * A data source whose every call that may reach the database (taking a connection, transaction
 * control, statements) counts as downstream time in {@link InvocationTiming}: the time in the database
 * includes the round trips Spring's transactions make (read-only, auto-commit, commit), not only the
 * queries. {@link TimingAutoConfiguration} wraps every data source of the function with it.
 */
public final class TimedJdbc {

    private TimedJdbc() {}

    public static DataSource dataSource(DataSource target) {
        return proxy(DataSource.class, target);
    }

    private static <T> T proxy(Class<T> type, T target) {
        return type.cast(
                Proxy.newProxyInstance(TimedJdbc.class.getClassLoader(), new Class<?>[] {type}, new Timed(target)));
    }

    private record Timed(Object target) implements InvocationHandler {

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            if (method.getName().equals("unwrap")
                    || method.getName().equals("isWrapperFor")
                    || method.getDeclaringClass() == Object.class) {
                return call(method, args);
            }
            long start = System.nanoTime();
            Object result;
            try {
                result = call(method, args);
            } finally {
                InvocationTiming.downstream(System.nanoTime() - start);
            }
            return wrapped(result);
        }

        private Object call(Method method, Object[] args) throws Throwable {
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }

        /** Connections and statements are timed too; anything else (result sets, metadata) is returned as is. */
        private static Object wrapped(Object result) {
            return switch (result) {
                case Connection connection -> proxy(Connection.class, connection);
                case CallableStatement statement -> proxy(CallableStatement.class, statement);
                case PreparedStatement statement -> proxy(PreparedStatement.class, statement);
                case Statement statement -> proxy(Statement.class, statement);
                case null, default -> result;
            };
        }
    }
}
