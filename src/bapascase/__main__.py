from bapascase.cli.main import run

run()
