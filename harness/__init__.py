"""Running the service as it is deployed (gunicorn, nginx) and driving it from outside:
shared by the tests and the benchmarks, so that neither imports the other."""
