print("tokenpace")
