package community.linli.testkit;
