package dev.ferry.schedule;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.quartz.SchedulerConfigException;
import org.quartz.spi.ClassLoadHelper;
import org.quartz.spi.SchedulerSignaler;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.scheduling.quartz.LocalDataSourceJobStore;
import org.springframework.scheduling.quartz.SchedulerFactoryBean;

/**
 * Spring's job store, with its data sources registered under a name of their own. Spring registers them in
 * Quartz's JVM-wide {@link DBConnectionManager} under the scheduler's name, so two application contexts in one JVM
 * with the same scheduler name (two members of a cluster in a test, or the contexts a test run keeps) would all
 * use the DataSource of the last one started. Named in {@code org.quartz.jobStore.class} (config/application.yml).
 */
public class ContextJobStore extends LocalDataSourceJobStore {

    private static final AtomicInteger STORES = new AtomicInteger();

    @Override
    public void initialize(ClassLoadHelper loadHelper, SchedulerSignaler signaler) throws SchedulerConfigException {
        DataSource dataSource = SchedulerFactoryBean.getConfigTimeDataSource();
        DataSource nonTransactional = SchedulerFactoryBean.getConfigTimeNonTransactionalDataSource();
        DataSource plain = nonTransactional != null ? nonTransactional : dataSource;
        super.initialize(loadHelper, signaler);
        String name = getInstanceName() + "." + STORES.incrementAndGet();
        DBConnectionManager.getInstance().addConnectionProvider(TX_DATA_SOURCE_PREFIX + name,
                provider(() -> DataSourceUtils.doGetConnection(dataSource)));
        DBConnectionManager.getInstance().addConnectionProvider(NON_TX_DATA_SOURCE_PREFIX + name,
                provider(plain::getConnection));
        setDataSource(TX_DATA_SOURCE_PREFIX + name);
        setNonManagedTXDataSource(NON_TX_DATA_SOURCE_PREFIX + name);
    }

    @FunctionalInterface
    private interface Connections {
        Connection get() throws SQLException;
    }

    /** A provider whose data source Spring owns: nothing to start or stop. */
    private static ConnectionProvider provider(Connections connections) {
        return new ConnectionProvider() {
            @Override
            public Connection getConnection() throws SQLException {
                return connections.get();
            }

            @Override
            public void shutdown() {
            }

            @Override
            public void initialize() {
            }
        };
    }
}
