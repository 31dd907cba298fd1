package community.linli.bench;
