package community.linli.local;
