package com.acme.goals.team.org;

import com.acme.goals.team.access.Access;
import com.mongodb.client.MongoDatabase;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.time.Duration;

/** The org chart over time, kept in this service's database from {@code org.events}, and the read policy built on it. */
@Configuration(proxyBeanMethods = false)
public class OrgChartConfiguration {

    @Bean
    public OrgChart orgChart(MongoDatabase serviceDatabase, @Value("${goals.org-chart.cache-ttl:PT2S}") Duration cacheTtl) {
        return new OrgChart(serviceDatabase, cacheTtl);
    }

    @Bean
    public OrgChartListener orgChartListener(OrgChart orgChart, java.util.List<OrgChartListener.HiresApplied> after) {
        return new OrgChartListener(orgChart, after);
    }

    @Bean
    public Access access(OrgChart orgChart, Clock clock) {
        return new Access(orgChart, clock);
    }
}
