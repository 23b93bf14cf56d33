from bapascase.cli.main import main

main()
