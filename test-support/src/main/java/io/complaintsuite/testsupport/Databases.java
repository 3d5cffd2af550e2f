package io.complaintsuite.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Creates a service's database on the suite's PostgreSQL server when it is missing. */
public final class Databases {
  private Databases() {}

  public static void ensure(String database) {
    if (!database.matches("[a-z][a-z0-9_]{0,62}")) {
      throw new IllegalArgumentException("not a plain database name: " + database);
    }
    try (Connection admin =
        DriverManager.getConnection(
            SuiteSettings.jdbcUrl("postgres"),
            SuiteSettings.pgUser(),
            SuiteSettings.pgPassword())) {
      try (PreparedStatement exists =
          admin.prepareStatement("select 1 from pg_database where datname = ?")) {
        exists.setString(1, database);
        try (ResultSet rs = exists.executeQuery()) {
          if (rs.next()) {
            return;
          }
        }
      }
      try (Statement create = admin.createStatement()) {
        create.execute("create database " + database + " encoding 'UTF8' template template0");
      } catch (SQLException e) {
        if (!"42P04".equals(e.getSQLState())) { // created meanwhile by a concurrent caller
          throw e;
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot create database "
              + database
              + " on "
              + SuiteSettings.pgHost()
              + ":"
              + SuiteSettings.pgPort()
              + ": "
              + e.getMessage(),
          e);
    }
  }

  public static void drop(String database) {
    try (Connection admin =
            DriverManager.getConnection(
                SuiteSettings.jdbcUrl("postgres"),
                SuiteSettings.pgUser(),
                SuiteSettings.pgPassword());
        Statement drop = admin.createStatement()) {
      drop.execute("drop database if exists " + database + " with (force)");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot drop database " + database, e);
    }
  }
}
