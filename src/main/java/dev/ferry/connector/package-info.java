/**
 * Remote PowerShell: the host inventory, credentials by reference, safe script binding, the preflight.
 * Uses the yaml package for the inventory and knows no procedure, run or chat; each transport's library stays in its sub-package.
 */
package dev.ferry.connector;
